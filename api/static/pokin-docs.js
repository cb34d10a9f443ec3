// Starts Swagger UI on /docs from the copy served by pokin itself (no CDN, no inline script:
// the page's Content-Security-Policy allows scripts from this server only).
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
