/** What users see when the database cannot be reached (pages, API `message`); shared by server and browser code. */
export const DATABASE_UNAVAILABLE_MESSAGE = "系统暂时无法连接数据库，请稍后再试";
