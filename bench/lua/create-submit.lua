-- Creates a complete platform and submits it: each connection sends a create when it has no created
-- entry waiting, else the submit of one. Reports how many entries were both created and submitted.
local token = os.getenv("BENCH_TOKEN")
local label = os.getenv("BENCH_LABEL") or "run"
if token == nil or token == "" then
  error("BENCH_TOKEN is not set")
end

local threads = {}
local next_thread = 1

function setup(thread)
  thread:set("number", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local created = {}
local counter = 0
submitted = 0
failed = 0

local create_headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
}
local submit_headers = {
  ["Authorization"] = "Bearer " .. token,
}

function request()
  local id = table.remove(created)
  if id ~= nil then
    return wrk.format("POST", "/api/platforms/" .. id .. "/submit", submit_headers, nil)
  end
  counter = counter + 1
  local body = '{"name":"Bench ' .. label .. ' ' .. number .. '-' .. counter .. '","industries":["automotive"],'
    .. '"region":"beijing","description":"Connected commercial-vehicle after-market platform",'
    .. '"connectedDevices":2200000,"enterprisesServed":2307,"declaredRevenueCny":500000000}'
  return wrk.format("POST", "/api/platforms", create_headers, body)
end

function response(status, headers, body)
  if status == 201 then
    local id = string.match(body, '"id":"([^"]+)"')
    if id ~= nil then
      table.insert(created, id)
    end
  elseif status == 200 then
    submitted = submitted + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total_submitted, total_failed = 0, 0
  for _, thread in ipairs(threads) do
    total_submitted = total_submitted + thread:get("submitted")
    total_failed = total_failed + thread:get("failed")
  end
  io.write(string.format("bench-submitted %d\nbench-failed %d\n", total_submitted, total_failed))
end
