import path from 'node:path';
import express, { type Express } from 'express';
import { fromRoot } from '../paths';
import { pageHeaders, pagePolicy } from './pageHeaders';

/**
 * A page of public/<name> at /<name>/ (a bare /<name> is redirected: its relative asset URLs need the slash), with
 * its third-party scripts at /<name>/vendor/<file> from our own npm dependencies (no CDN), by a fixed name → file
 * map (own keys only: `constructor` or `__proto__` name no file), under the page's security headers (pageHeaders.ts).
 */
function servePage(app: Express, name: string, vendor: Record<string, string>, dataFonts = false): void {
  const headers = pageHeaders(pagePolicy(dataFonts));
  app.get(`/${name}`, (req, res, next) => {
    if (req.originalUrl === `/${name}`) res.redirect(301, `/${name}/`);
    else next();
  });
  app.get(`/${name}/vendor/:file`, headers, (req, res, next) => {
    const file = String(req.params.file);
    if (Object.hasOwn(vendor, file)) res.sendFile(vendor[file] as string);
    else next();
  });
  app.use(`/${name}`, headers, express.static(fromRoot('public', name), { index: 'index.html' }));
}

const packageFile = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

/**
 * The static pages: the map explorer at /explorer/, the planner's dashboard at /dashboard/, the query console at /graphiql/ (and /graphql for a browser). On
 * the app itself, not an express.Router: a router would answer OPTIONS /graphql (Allow: GET, HEAD) before CORS does.
 */
export function staticPages(app: Express): void {
  // The map explorer, with Cytoscape.js.
  servePage(app, 'explorer', { 'cytoscape.min.js': require.resolve('cytoscape/dist/cytoscape.min.js') });
  // The dashboard (驾驶舱), with ECharts and the city's county boundaries (public/maps), which it registers as a map.
  servePage(app, 'dashboard', {
    'echarts.min.js': require.resolve('echarts/dist/echarts.min.js'),
    '410400.json': fromRoot('public', 'maps', '410400.json'),
  });
  // The query console: GraphiQL 3 and React 18 as UMD files (no build step); GraphiQL's CSS inlines its fonts.
  servePage(
    app,
    'graphiql',
    {
      'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
      'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
      'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
      'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
    },
    true,
  );
  // A browser opening /graphql (a GET for HTML, no query) gets the console instead of a CSRF error.
  app.get('/graphql', (req, res, next) => {
    res.vary('Accept');
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.redirect(302, '/graphiql/');
    } else next();
  });
}
