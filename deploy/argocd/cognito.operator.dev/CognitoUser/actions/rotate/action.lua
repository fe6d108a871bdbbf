-- A new generated password now (cognito.operator.dev/rotate-requested-at): the operator writes it
-- into the Secret and sets it; status.lastHandledRotateAt echoes the request once handled.
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["cognito.operator.dev/rotate-requested-at"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
return obj
