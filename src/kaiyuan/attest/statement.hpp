#pragma once
/// in-toto Statement v1 (in-toto/attestation spec/v1/statement.md): the subjects an attestation
/// is about (name + digests), the predicate's type URI and the predicate itself.
#include "kaiyuan/util/error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaiyuan::attest {

inline constexpr std::string_view k_statement_type_v1 = "https://in-toto.io/Statement/v1";

struct Subject {
    std::string name;
    /// (algorithm, lower-case hex) pairs, such as ("sha256", "ab12...").
    std::vector<std::pair<std::string, std::string>> digests;
    /// The digest for `algorithm`, or "" when the subject has none.
    std::string digest(std::string_view algorithm) const;
};

/// The predicate type URI of a short name (--type): spdx, spdx3, cyclonedx, openvex, vuln,
/// slsa-provenance, link; an absolute URI is taken as it is; none for anything else.
std::optional<std::string> predicate_type_uri(std::string_view name);
/// Whether a statement's predicate type satisfies `--type NAME_OR_URI` when verifying: the URI
/// itself, or for a short name any URI producers use for it (SPDX 2.3 is written both as
/// https://spdx.dev/Document and https://spdx.dev/Document/v2.3).
bool predicate_type_matches(std::string_view wanted, std::string_view actual);

/// The lower-case hex digest of a file by "sha256" or "sha384", streamed (the file is never
/// held whole); fails for another algorithm or an unreadable file.
Result<std::string> file_digest(const std::string& path, std::string_view algorithm);
/// A subject naming a file, with its SHA-256.
Result<Subject> file_subject(const std::string& path, std::string name);

/// The statement as compact JSON. `predicate_json` must be one JSON value (normally an object);
/// it is checked and minified, so that what is signed has no insignificant whitespace.
Result<std::string> make_statement(const std::vector<Subject>& subjects,
                                   std::string_view predicate_type,
                                   std::string_view predicate_json);

struct Statement {
    std::string type; ///< "_type"
    std::vector<Subject> subjects;
    std::string predicate_type;
};

/// Reads the statement's envelope fields (not the predicate): fails when `_type` is not an
/// in-toto statement, a subject has no digest, or the JSON is malformed.
Result<Statement> read_statement(std::string_view json);

} // namespace kaiyuan::attest
