// npm run seed — seeds the demo districts into an empty database (npm start does this too).
import { prepareDatabase } from "./lib/prepare-db";

const { embedded } = await prepareDatabase({ seed: true });
await embedded?.release();
