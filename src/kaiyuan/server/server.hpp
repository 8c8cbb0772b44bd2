#pragma once
/// `kaiyuan serve`: the HTTP server over the store, with the upload workers in the same process.
#include "kaiyuan/util/error.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kaiyuan::server {

class SigningService;

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::string database; ///< store URL
    std::size_t http_threads = 32;
    std::size_t workers = 2;                ///< upload job workers
    int job_lease_seconds = 60;             ///< a dead worker's job is taken over after this long
    std::size_t max_body_bytes = 64u << 20; ///< after decompression
    int read_timeout_seconds = 30;          ///< per read of a request (a stalled client is dropped)
    int write_timeout_seconds = 30;
    int keep_alive_seconds = 5;
    std::string tls_cert;
    std::string tls_key;
    bool quiet = false;
    /// `db update` into the store every this many seconds (0: never), from `osv_base`.
    int advisory_update_seconds = 0;
    std::string osv_base;
    std::vector<std::string> advisory_ecosystems; ///< empty: those in the store, else a default
    std::string download_dir;                     ///< where the updates' downloads are kept
    /// Deliver webhooks to loopback, link-local and private addresses too.
    bool webhook_allow_internal = false;
    /// A license policy (checked) to put in the store at start; unset: the store's stays.
    std::optional<std::string> license_policy;
    /// Upstream monitoring: how often due watches are looked for, registries to ask instead
    /// (KIND=URL), git's insteadOf rules from this file, registry answers kept here.
    int upstream_poll_seconds = 30;
    std::vector<std::string> upstream_registries;
    std::string upstream_git_config, upstream_cache_dir;
    /// Watches may name any address (git, hg, ftp, sourceforge, regex); else only the forges'
    /// (github, gitee, gitlab.gnome) and the registries' are taken.
    bool upstream_any_address = false;
    /// The signing service: keys "NAME=REF" (file or pkcs11: URI) and the teams "NAME=TEAM" that
    /// may use each; opened by serve() into `signing` (set already by a caller that opened them).
    std::vector<std::string> signing_keys, signing_key_teams;
    std::shared_ptr<SigningService> signing;
};

/// Serves until SIGTERM or SIGINT: then stops accepting, finishes requests and jobs in hand,
/// and returns. Fails when the address cannot be bound or the store cannot be opened.
/// `on_listening` is called with the bound port (useful with port 0).
Result<void> serve(const ServerOptions& options);

} // namespace kaiyuan::server
