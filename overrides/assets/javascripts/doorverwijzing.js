// Redirect pages (overrides/redirect.html): go on to the new address at once and keep the part
// after "#" (a meta refresh alone drops it, so /a2/#urgentiedilemma would lose its place).
// A classic script in <head>: it runs before the page's meta refresh. Without it, the refresh
// and the link still lead to the page.
(function () {
  var script = document.currentScript;
  var doel = script && script.getAttribute("data-doel");
  if (!doel) return;
  var url = new URL(doel, document.baseURI);
  if (location.hash && !url.hash) url.hash = location.hash;
  location.replace(url.href);
})();
