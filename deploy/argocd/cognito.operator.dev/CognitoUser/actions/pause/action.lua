-- Stops every call for this CognitoUser (cognito.operator.dev/paused); Ready stays as it was.
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["cognito.operator.dev/paused"] = "true"
return obj
