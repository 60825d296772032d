/*
 * Renders the API's own OpenAPI document with Swagger UI, from this host only: the online
 * validator badge is off (it would send the document to another site). "Try it out" sends
 * requests from this origin, with the dashboard's session cookie once logged in there.
 */
window.SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#api-reference",
  layout: "BaseLayout",
  deepLinking: true,
  validatorUrl: null,
});
