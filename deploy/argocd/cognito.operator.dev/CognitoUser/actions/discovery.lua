-- The resource actions Argo CD offers on a cognito.operator.dev/CognitoUser. Each sets an
-- annotation the operator acts on; rotate only where the operator generated the password.
local actions = {}
actions["reconcile"] = {["disabled"] = false}
local generated = obj.spec ~= nil and obj.spec.passwordSecretRef ~= nil
    and obj.spec.passwordSecretRef.generate ~= nil
actions["rotate"] = {["disabled"] = not generated}
return actions
