-- wrk script for the pipeline benchmark: POST /async_predict for ads spread over the loaded
-- range (each thread starts at its own offset), and a machine-readable summary at the end:
-- one "WRK_JSON {...}" line with counts and the latency at percentiles 0.5, 1.0, ... 99.5, 99.9,
-- 99.99 and 100 (microseconds), from which the benchmark draws the histogram. (Walking wrk's
-- latency buckets one by one from Lua is quadratic and took seconds after a long run.)
-- Arguments: first_item_id item_count
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 104729)
  table.insert(threads, thread)
end

function init(args)
  first = tonumber(args[1])
  count = tonumber(args[2])
  n = offset
end

function request()
  n = n + 7919
  return wrk.format("POST", "/async_predict?item_id=" .. (first + n % count))
end

function done(summary, latency, requests)
  local e = summary.errors
  local points = {}
  for i = 1, 199 do
    table.insert(points, string.format('[%.1f,%d]', i / 2, latency:percentile(i / 2)))
  end
  for _, p in ipairs({99.9, 99.99}) do
    table.insert(points, string.format('[%s,%d]', tostring(p), latency:percentile(p)))
  end
  table.insert(points, string.format('[100,%d]', latency.max))
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"min_us":%d,"percentiles_us":[%s]}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, latency.min,
    table.concat(points, ",")))
end
