import { beforeEach } from "vitest";
import { forgetContexts } from "../../worker/db/contexts.ts";

// Each test file starts from its own databases; what an isolate kept of an earlier file's
// units' settings (worker/db/contexts.ts) must not outlive them.
beforeEach(forgetContexts);
