// postinstall: writes the Prisma client to lib/db/generated.
import { generateClient } from "./prisma-cli.ts";

generateClient();
