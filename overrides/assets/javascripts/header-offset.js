// The header's height as --hr-header-height on the root element, kept up to date: the sticky
// result bars (site.css, .hr-resultbar) stop at the header's bottom instead of sliding under it,
// whatever that height is (a phone's header is taller than a desktop's; zoom or a wrapped title
// change it too). Imported by the scripts of the pages with such a bar (filter.js, riskfactors.js).

const header = document.querySelector(".md-header");
if (header) {
  const root = document.documentElement;
  const measure = () => root.style.setProperty("--hr-header-height", `${header.getBoundingClientRect().height}px`);
  new ResizeObserver(measure).observe(header, { box: "border-box" });
  measure();
}
