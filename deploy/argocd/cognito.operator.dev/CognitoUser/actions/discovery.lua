-- The resource actions Argo CD offers on a cognito.operator.dev/CognitoUser. Each sets an
-- annotation the operator acts on; rotate only where the operator generated the password, pause
-- or resume as the CognitoUser is not paused or is.
local actions = {}
actions["reconcile"] = {["disabled"] = false}
local generated = obj.spec ~= nil and obj.spec.passwordSecretRef ~= nil
    and obj.spec.passwordSecretRef.generate ~= nil
actions["rotate"] = {["disabled"] = not generated}
local paused = obj.metadata.annotations ~= nil
    and obj.metadata.annotations["cognito.operator.dev/paused"] == "true"
actions["pause"] = {["disabled"] = paused}
actions["resume"] = {["disabled"] = not paused}
return actions
