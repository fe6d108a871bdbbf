-- Argo CD health of a cognito.operator.dev/CognitoUser. It reads only the Ready and Paused
-- conditions and the generations, so that a status written by any version of the operator is
-- judged right.
local hs = {}
local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report on this CognitoUser"
  return hs
end

-- paused (cognito.operator.dev/paused): the operator makes no call until it is removed
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Paused" and condition.status == "True" then
      hs.status = "Suspended"
      hs.message = "Paused since " .. (condition.lastTransitionTime or "?")
      return hs
    end
  end
end

if generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to handle generation " .. generation
  return hs
end

local ready = nil
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" then
      ready = condition
    end
  end
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end

if generation ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to handle generation " .. generation
  return hs
end

local message = ready.message or ""
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
  return hs
end

-- time fixes these: the operator retries with backoff, or waits for its turn in the rate
if ready.reason == "Throttled" or ready.reason == "CognitoUnavailable" or ready.reason == "RateLimited" then
  hs.status = "Progressing"
  hs.message = ready.reason .. ": " .. message
  return hs
end

hs.status = "Degraded"
hs.message = (ready.reason or "NotReady") .. ": " .. message
return hs
