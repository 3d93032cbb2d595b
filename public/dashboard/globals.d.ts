// The page's one global besides the DOM's: ECharts, loaded by index.html as a classic script from /dashboard/vendor
// (the npm package's dist/echarts.min.js, whose types these are).
import type * as echartsModule from 'echarts';

declare global {
  const echarts: typeof echartsModule;
}
