#pragma once
/// Rust binaries built with cargo-auditable (https://github.com/rust-secure-code/cargo-auditable):
/// the ELF section ".dep-v0" holds zlib-compressed JSON {"packages": [{name, version, source,
/// kind, dependencies: [indexes], root}]}.
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::binary {

/// The components of the binary's dependency list; nothing (and no diagnostic) for binaries
/// without the section.
CatalogResult parse_cargo_auditable(std::string_view binary, const model::Location& location);

/// The same from the section's JSON (already decompressed): for tests and fuzzing.
CatalogResult parse_cargo_auditable_json(std::string_view json, const model::Location& location);

} // namespace kaiyuan::catalog::binary
