#pragma once
/// Offline check that a signature was logged by the signing service (docs/server.md "Signing
/// service"): a log entry as the server gives it (GET /api/v2/signatures/{index}, or the "log"
/// member of POST /api/v2/sign's answer) with its RFC 6962 inclusion proof; the leaf's hash, the
/// proof up to the root (and that root against one the verifier trusts), and that the entry is
/// the one for a given envelope or detached signature.
#include "kaiyuan/attest/envelope.hpp"
#include "kaiyuan/attest/verify.hpp"

#include <optional>
#include <string>

namespace kaiyuan::attest {

struct LogEntryCheck {
    std::string trusted_root;             ///< hex; empty: the entry's own root is reported
    std::optional<std::size_t> tree_size; ///< with trusted_root: the size it is the root of
    const Envelope* envelope = nullptr;   ///< the entry must be this envelope's signature
    /// The entry must be this detached signature (its bytes) ...
    std::optional<std::string> signature;
    /// ... of this file: its digest, by the algorithm the entry names (sha256 or sha384).
    std::string file;
};

struct LoggedEntry {
    std::size_t index = 0;
    std::size_t tree_size = 0;
    std::string root; ///< hex
    std::string key;  ///< the server's key name
    std::string keyid;
    std::string time;
};

Verified<LoggedEntry> verify_log_entry(std::string_view entry_json, const LogEntryCheck& check);

} // namespace kaiyuan::attest
