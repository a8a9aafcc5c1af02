import { dictionary } from "@zxcvbn-ts/language-common";

// Passwords that guessers try first (ASVS 6.2.4 asks for at least 3,000): the 49,000-word
// breach list zxcvbn ships (@zxcvbn-ts/language-common, MIT, already lower-case), plus
// common Chinese and local choices it lacks. Compared lower-cased by ZPassword.
const LOCAL_CHOICES = [
  "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111",
  "1234567", "dragon", "123123", "baseball", "abc123", "football", "monkey", "letmein",
  "696969", "shadow", "master", "666666", "qwertyuiop", "123321", "mustang", "1234567890",
  "michael", "654321", "superman", "1qaz2wsx", "7777777", "121212", "000000", "qazwsx",
  "123qwe", "killer", "trustno1", "jordan", "jennifer", "zxcvbnm", "asdfgh", "hunter",
  "buster", "soccer", "harley", "batman", "andrew", "tigger", "sunshine", "iloveyou",
  "2000", "charlie", "robert", "thomas", "hockey", "ranger", "daniel", "starwars",
  "klaster", "112233", "george", "computer", "michelle", "jessica", "pepper", "1111",
  "zxcvbn", "555555", "11111111", "131313", "freedom", "777777", "pass", "maggie",
  "159753", "aaaaaa", "ginger", "princess", "joshua", "cheese", "amanda", "summer",
  "love", "ashley", "nicole", "chelsea", "biteme", "matthew", "access", "yankees",
  "987654321", "dallas", "austin", "thunder", "taylor", "matrix", "minecraft", "password1",
  "password123", "password@123", "p@ssw0rd", "p@ssword", "passw0rd", "password!", "admin", "admin123",
  "admin@123", "admin1234", "administrator", "root", "root123", "welcome", "welcome1", "welcome123",
  "welcome@123", "changeme", "qwerty123", "qwerty1!", "qwe123", "qweasd", "qweasdzxc", "1q2w3e4r",
  "1q2w3e4r5t", "1qaz@wsx", "1qaz!qaz", "zaq12wsx", "abc@123", "abcd1234", "abcd@1234", "aa123456",
  "a123456", "a1234567", "a12345678", "test123", "test@123", "iloveyou1", "letmein1", "monkey123",
  "dragon123", "sunshine1", "princess1", "football1", "baseball1", "woaini", "woaini1314", "woaini520",
  "5201314", "1314520", "520520", "zhang123", "wang123", "li123456", "asd123", "asd123456",
  "qq123456", "123456qq", "123456a", "123456aa", "123456abc", "abc123456", "a1b2c3d4", "huawei123",
  "huawei@123", "china123", "china@123", "beijing", "beijing2008", "shanghai", "nanjing", "jiangsu",
  "huaian", "qingjiang", "88888888", "66666666", "168168", "888888", "123654", "147258",
  "147258369", "159357", "789456", "456789", "321321", "iloveu", "1qazxsw2", "qwer1234",
  "asdf1234", "zxcv1234", "aa123456!", "aa@123456", "abc@1234", "abc12345", "admin123!", "password1!",
  "password@1", "p@ssw0rd1", "p@ssword1", "welcome@1", "qwerty@123", "root@123", "test1234", "passw0rd!",
  "changeme1", "qingmiao1", "qingmiao@123", "qingmiao123", "demo@1234", "demo1234",
];

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  ...dictionary["passwords-common"].map((pw) => pw.toLowerCase()),
  ...LOCAL_CHOICES,
]);
