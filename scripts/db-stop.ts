// npm run db:stop — stops the project's embedded PostgreSQL, whoever started it.
import { stopEmbedded } from "../lib/server/database/embedded";

const stopped = await stopEmbedded();
console.log(stopped ? "embedded PostgreSQL stopped" : "embedded PostgreSQL was not running");
