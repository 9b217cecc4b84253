// A collaboration server in a process of its own, for tests that kill it (kill -9) and start it again.
// Env: DATABASE_URL, PORT. Prints "ready <port>" once listening.
import http from "node:http";
import { createDb } from "../../db/client.ts";
import { createCollabServer } from "../server.ts";
import { TEST_SECRET } from "./support.ts";

const db = createDb(process.env.DATABASE_URL!);
const collab = createCollabServer({ db, secret: TEST_SECRET, compactAfterMs: 20 });
const server = http.createServer((_request, response) => response.writeHead(404).end());
server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`ready ${process.env.PORT}`));
