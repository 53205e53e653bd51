/** A Web-standard request handler, the shape every part of the demo server has. */
export type Handler = (request: Request) => Promise<Response>;
