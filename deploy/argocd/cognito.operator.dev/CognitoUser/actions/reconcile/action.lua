-- A pass with a fresh read of the user now (cognito.operator.dev/reconcile-requested-at, as
-- Flux's requestedAt); status.lastHandledReconcileAt echoes it once handled.
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["cognito.operator.dev/reconcile-requested-at"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
return obj
