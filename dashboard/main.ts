/** The dashboard's entry: defines the elements; index.html places <hl-app>. */
import "./components/hl-app.ts";
