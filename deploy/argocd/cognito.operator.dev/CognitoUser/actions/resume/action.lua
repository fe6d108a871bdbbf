-- Ends a pause: the operator reads the user afresh once and goes on.
if obj.metadata.annotations ~= nil then
  obj.metadata.annotations["cognito.operator.dev/paused"] = nil
end
return obj
