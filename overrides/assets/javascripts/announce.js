// Says a change in a live region (role="status", in the page from the start), once (issue 23).
// A screen reader reads a live region when its text changes; a change a person makes that leaves
// the text as it was (a tick that does not change the count) would be met with silence. The same
// text again gets a no-break space at its end, or loses it, so it is read again.
export function announce(region, text) {
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}
