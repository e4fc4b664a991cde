-- wrk script for the pipeline benchmark: POST /async_predict for ads spread over the loaded
-- range (each thread starts at its own offset), and a machine-readable summary at the end:
-- one "WRK_JSON {...}" line with counts, the latency percentiles in microseconds and a
-- histogram of latencies in 1 ms buckets.
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
  local out = string.format(
    '{"requests":%d,"duration_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latency_percentiles_us":{',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout)
  local parts = {}
  for _, p in ipairs({1, 5, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97, 98, 99, 99.5, 99.9, 99.99}) do
    table.insert(parts, string.format('"%s":%d', tostring(p), latency:percentile(p)))
  end
  table.insert(parts, string.format('"max":%d', latency.max))
  -- Every distinct latency and its count, folded into 1 ms buckets for the histogram.
  local buckets, width = {}, 0
  for i = 1, #latency do
    local value, hits = latency(i)
    local bucket = math.floor(value / 1000)
    buckets[bucket] = (buckets[bucket] or 0) + hits
    if bucket > width then width = bucket end
  end
  local histogram = {}
  for bucket = 0, width do
    table.insert(histogram, tostring(buckets[bucket] or 0))
  end
  io.write("WRK_JSON " .. out .. table.concat(parts, ",") .. '},"histogram_1ms":[' .. table.concat(histogram, ",") .. "]}\n")
end
