-- The source's own record of every HTTP request it receives (region profile): the tests
-- count frame requests here to prove that a cached study never reached the PACS again.
-- Orthanc calls this filter for its REST API and its plugins' routes alike.
function IncomingHttpRequestFilter(method, uri, ip, username, httpHeaders)
  print('drim-source-request ' .. method .. ' ' .. uri)
  return true
end
