-- wrk script for tests/bench/run.sh: POSTs one GraphQL operation family to
-- /graphql and counts answers by outcome. Chosen by environment variables:
--   BENCH_OP      typename | search | cooperative | products | apply; with the
--                 suffix _computed (e.g. cooperative_computed) every request
--                 gets a unique comment, so no answer is replayed from the
--                 server's response cache: each one is computed
--   BENCH_DATA    a Lua file run.sh writes: slugs, tokens, producer ids, events
--   BENCH_OFFSET  (apply) first (member, event) pair to use; pairs never repeat
--   BENCH_MAX     stop each thread after this many answers (statement counting)
--   BENCH_OUT     file to write the JSON summary to
-- Outcomes: "ok"; "graphql_errors" (a top-level GraphQL `errors`); "domain_errors"
-- (a mutation payload's `errors` not empty, counted by code); HTTP errors are
-- wrk's non-2xx/3xx count. Latency percentiles are wrk's (microseconds).

local op = os.getenv("BENCH_OP") or "typename"
local computed = op:match("_computed$") ~= nil
op = op:gsub("_computed$", "")
local data_file = os.getenv("BENCH_DATA")
local offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
local max_answers = tonumber(os.getenv("BENCH_MAX") or "0")
local out_file = os.getenv("BENCH_OUT")

local function json_string(s)
  local escaped = s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n')
  return '"' .. escaped .. '"'
end

local function body(query, variables)
  return '{"query":' .. json_string(query) .. ',"variables":' .. (variables or "{}") .. '}'
end

-- A body whose answer the response cache cannot have: same operation, plus a
-- comment no other request carries.
local function computed_body(b, n)
  return b:gsub('^{"query":"', '{"query":"# request ' .. id .. '-' .. n .. '\\n')
end

-- Texts buyers type: with and without diacritics, abbreviations, empty (browse).
local texts = {
  "mat ong", "Mật ong", "gạo st25", "gao ST25", "cà phê", "ca phe robusta", "htx",
  "hợp tác xã", "chè", "nam linh chi", "bưởi", "nuoc mam", "", "xoài cát", "mật ong rừng",
  "tieu den", "thủ công", "rau an toan", "dua chuot", "sau rieng",
}
local provinces = { 1, 79, 44, 68, 92, 46, 12 }
local categories = { "HONEY", "RICE_GRAINS", "TEA_COFFEE", "FRUIT", "SEAFOOD_FISH_SAUCE", "VEGETABLES" }

local SEARCH = [[query Search($q: String!, $kinds: [SearchKind!], $filter: SearchFilterInput) {
  search(query: $q, kinds: $kinds, filter: $filter, first: 20) {
    totalCount
    edges { kind highlight node { __typename ... on Product { id name } ... on Producer { id name slug } } }
  }
}]]

local COOPERATIVE = [[query Cooperative($slug: String!) {
  producerBySlug(slug: $slug) {
    id slug name kind description foundedYear memberCount street website
    verificationStatus verifiedAt mainSectors ocopStars medianResponseHours
    province { code name } commune { code name }
    logo { url } photos { url }
    certificates { id scheme ocopStars certificateNumber issuer issuedOn expiresOn verificationStatus current }
    brandLabels { id name kind registrationNumber valid image { url } }
    products(first: 20) {
      nodes { id name category unit priceMinVnd priceMaxVnd available harvestMonths images { url }
              certificates { id scheme ocopStars } }
    }
  }
}]]

local PRODUCTS = [[query Products($filter: ProductFilter!) {
  products(first: 20, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name category unit priceMinVnd priceMaxVnd available
      producer { id slug name verificationStatus province { name } certificates { scheme ocopStars } }
      certificates { id scheme ocopStars current }
    }
  }
}]]

local APPLY = [[mutation Apply($input: ApplyToEventInput!) {
  applyToEvent(input: $input) { application { id status } errors { code field } }
}]]

local bodies = {}
local data = {}

local function build_bodies()
  if op == "typename" then
    bodies = { body("{ __typename }") }
  elseif op == "search" then
    for i = 0, 39 do
      local text = texts[(i * 7) % #texts + 1]
      local code = provinces[math.floor((i) / 3) % #provinces + 1]
      local category = categories[math.floor((i) / 5) % #categories + 1]
      local filter, kinds = "null", "null"
      local kind = i % 5
      if kind == 1 then filter = '{"provinceCodes":[' .. code .. ']}'
      elseif kind == 2 then filter = '{"categories":["' .. category .. '"]}'; kinds = '["PRODUCT"]'
      elseif kind == 3 then filter = '{"schemes":["VIET_GAP","OCOP"]}'
      end
      bodies[#bodies + 1] = body(SEARCH, '{"q":' .. json_string(text) .. ',"kinds":' .. kinds .. ',"filter":' .. filter .. '}')
    end
  elseif op == "cooperative" then
    for _, slug in ipairs(data.slugs) do
      bodies[#bodies + 1] = body(COOPERATIVE, '{"slug":' .. json_string(slug) .. '}')
    end
  elseif op == "products" then
    for i = 0, 39 do
      local filter
      local kind = i % 4
      if kind == 0 then filter = "{}"
      elseif kind == 1 then filter = '{"provinceCode":' .. provinces[math.floor((i) / 4) % #provinces + 1] .. '}'
      elseif kind == 2 then filter = '{"category":"' .. categories[math.floor((i) / 4) % #categories + 1] .. '"}'
      else filter = '{"certificationScheme":"VIET_GAP","verifiedProducer":true}'
      end
      bodies[#bodies + 1] = body(PRODUCTS, '{"filter":' .. filter .. '}')
    end
  end
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  threads[#threads + 1] = thread
end

function init(args)
  if data_file then data = dofile(data_file) end
  build_bodies()
  counter = 0
  answers = 0
  ok = 0
  graphql_errors = 0
  domain_errors = 0
  codes = {}
  statuses = {}
  -- wrk gives every thread its own Lua state; threads interleave pair numbers.
  step = tonumber(os.getenv("BENCH_THREADS") or "1")
end

function request()
  local n = counter
  counter = counter + 1
  if op == "apply" then
    local k = offset + id + step * n
    local member = data.members[k % #data.members + 1]
    local event = data.events[math.floor((k) / #data.members) % #data.events + 1]
    local zone = event.zone and (',"zoneId":"' .. event.zone .. '"') or ""
    local variables = '{"input":{"eventId":"' .. event.id .. '","producerId":"' .. member.producer .. '"' .. zone ..
      ',"booths":1,"notes":"Đăng ký thử tải"}}'
    return wrk.format("POST", "/graphql", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. member.token,
    }, body(APPLY, variables))
  end
  local b = bodies[(id + step * n) % #bodies + 1]
  if computed then b = computed_body(b, n) end
  return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json" }, b)
end

function response(status, headers, body)
  answers = answers + 1
  if status >= 200 and status < 300 then
    if body:find('"errors":%[{"message"') then
      graphql_errors = graphql_errors + 1
    elseif body:find('"errors":%[{"code"') then
      domain_errors = domain_errors + 1
      local code = body:match('"errors":%[{"code":"([%u_]+)"') or "?"
      codes[code] = (codes[code] or 0) + 1
    else
      ok = ok + 1
      local s = body:match('"status":"([%u_]+)"')
      if s then statuses[s] = (statuses[s] or 0) + 1 end
    end
  end
  if max_answers > 0 and answers >= max_answers then
    wrk.thread:stop()
  end
end

local function table_json(t)
  local parts = {}
  for k, v in pairs(t) do parts[#parts + 1] = json_string(k) .. ":" .. v end
  table.sort(parts)
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local totals = { ok = 0, graphql_errors = 0, domain_errors = 0 }
  local codes_all, statuses_all = {}, {}
  for _, thread in ipairs(threads) do
    for key in pairs(totals) do totals[key] = totals[key] + thread:get(key) end
    for code, n in pairs(thread:get("codes")) do codes_all[code] = (codes_all[code] or 0) + n end
    for s, n in pairs(thread:get("statuses")) do statuses_all[s] = (statuses_all[s] or 0) + n end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local json = string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"ok":%d,"graphql_errors":%d,"domain_errors":%d,"domain_error_codes":%s,"statuses":%s,' ..
    '"http_errors":{"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}}',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    totals.ok, totals.graphql_errors, totals.domain_errors, table_json(codes_all), table_json(statuses_all),
    e.status, e.connect, e.read, e.write, e.timeout)
  if out_file then
    local f = assert(io.open(out_file, "w"))
    f:write(json, "\n")
    f:close()
  else
    io.write(json, "\n")
  end
end
