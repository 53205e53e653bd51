import { createServer, type IncomingMessage } from 'node:http';

export interface Served {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const hasBody = message.method !== 'GET' && message.method !== 'HEAD';
  return new Request(new URL(message.url ?? '/', origin), {
    method: message.method,
    headers: message.headers as Record<string, string>,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

/** Serves a Web-standard handler on a loopback port chosen by the system. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<Served> {
  let origin = '';
  const server = createServer(async (message, reply) => {
    const response = await handler(await toRequest(message, origin));
    reply.writeHead(response.status, Object.fromEntries(response.headers));
    reply.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    url: origin,
    close: () =>
      new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
