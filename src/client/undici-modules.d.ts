// Types for the undici modules src/client/undici-parts.ts loads by path: the index's own types.
declare module 'undici/lib/dispatcher/agent.js' {
  const Agent: typeof import('undici').Agent;
  export default Agent;
}

declare module 'undici/lib/api/api-request.js' {
  const request: (
    this: import('undici').Dispatcher,
    options: import('undici').Dispatcher.RequestOptions,
  ) => Promise<import('undici').Dispatcher.ResponseData>;
  export default request;
}

declare module 'undici/lib/web/fetch/formdata.js' {
  const formdata: { FormData: typeof import('undici').FormData };
  export default formdata;
}
