#pragma once
/// The --database option of the commands that work on the service's store.
#include "kaiyuan/store/store.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace kaiyuan::cli {

/// --database, else $KAIYUAN_DATABASE, else SQLite under the XDG data directory.
std::string resolve_database(const std::string& given);
void add_database_option(CLI::App& cmd, std::string& url);
std::unique_ptr<store::Store> open_store(const std::string& given);

} // namespace kaiyuan::cli
