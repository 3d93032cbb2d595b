// @ts-check
// The right-hand panel's tabs: the selected element's properties and the planner's panels.

/**
 * Shows the panel `name` (details, gaps, coverage, review) and marks its tab.
 * @param {string} name
 */
export function selectTab(name) {
  for (const b of document.querySelectorAll('#tabs button')) {
    if (b instanceof HTMLElement) b.classList.toggle('active', b.dataset.tab === name);
  }
  for (const panel of document.querySelectorAll('.panel')) {
    if (panel instanceof HTMLElement) panel.hidden = panel.id !== `panel-${name}`;
  }
}

/** Each tab shows its panel when clicked. */
export function wireTabs() {
  for (const b of document.querySelectorAll('#tabs button')) {
    if (b instanceof HTMLElement) b.addEventListener('click', () => selectTab(b.dataset.tab ?? 'details'));
  }
}
