/* global process */
// A jest reporter that ends the run with one plain line, `Tests: N passed, N failed, N skipped`, which CI reads to
// know how many tests ran (jest's own summary, `Tests: N passed, N total`, is not a format it reads). It is written
// when the process exits, so that it is the last line, after jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line =
      `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ` +
      `${results.numPendingTests + results.numTodoTests} skipped`;
    process.once('exit', () => process.stdout.write(`${line}\n`));
  }
}

module.exports = SummaryReporter;
