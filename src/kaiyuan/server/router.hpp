#pragma once
/// The route table: the one source of the API. Each route names its method, path pattern,
/// the permissions that may call it and its handler; the OpenAPI document and the test that
/// walks every route with every permission are checked against it.
#include "kaiyuan/server/http.hpp"
#include "kaiyuan/store/types.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace kaiyuan::store {
class Store;
}
namespace kaiyuan::jobs {
class Workers;
}

namespace kaiyuan::server {

struct ServerOptions;

/// What a handler has: the request, who is asking, and the server's parts.
struct Context {
    const Request& request;
    store::Access access;
    store::Store& store;
    jobs::Workers* workers = nullptr;
    const ServerOptions& options;
};

using Handler = std::function<Response(Context&)>;

struct Route {
    std::string method;
    std::string pattern; ///< "/api/v2/projects/{uuid}"; a {name} segment matches one segment
    /// Any of these lets a key call the route; empty: no key needed (health, the API document).
    std::vector<store::Permission> permissions;
    Handler handler;
    std::string summary;
};

/// Every route of the server, in the order docs/server.md lists them.
const std::vector<Route>& routes();

struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false; ///< some route has this path (405 rather than 404)
};

Match match_route(std::string_view method, std::string_view path);

/// Runs the request through authentication, authorisation and the route's handler.
Response dispatch(Request& request, store::Store& store, jobs::Workers* workers,
                  const ServerOptions& options);

} // namespace kaiyuan::server
