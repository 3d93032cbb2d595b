// The query console: GraphiQL 3 from the API's own npm dependencies (UMD globals React, ReactDOM, GraphiQL), talking
// to the same-origin /graphql. Where authentication is configured, the token the explorer keeps in localStorage is
// sent as a bearer token, so one paste serves both pages.
(function () {
  'use strict';
  const TOKEN_KEY = 'innovation-graph.token';
  const token = window.localStorage.getItem(TOKEN_KEY) || '';
  const root = document.getElementById('graphiql');
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  document.getElementById('token-note').textContent = token
    ? '使用浏览器中保存的令牌 (token from the explorer)'
    : '未设置令牌 (no token: set one in the explorer when the API needs it)';
  const fetcher = GraphiQL.createFetcher({ url: root.dataset.endpoint, headers });
  const defaultQuery = `# 示例：产业链及其环节 (an example: the chains and their segments)
{
  industryChains(limit: 20, sort: [{ name: ASC }]) {
    id
    name
    segments { name position }
  }
}
`;
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, { fetcher, defaultQuery }));
})();
