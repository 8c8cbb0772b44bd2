#include "kaiyuan/cli/store_options.hpp"

#include "kaiyuan/cli/common.hpp"

#include <cstdlib>

namespace kaiyuan::cli {

/// --database, else $KAIYUAN_DATABASE, else SQLite under the XDG data directory.
std::string resolve_database(const std::string& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("KAIYUAN_DATABASE"); env && *env) return env;
    std::string data;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        data = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        data = std::string(home) + "/.local/share";
    else
        throw CommandError{"no --database given and neither XDG_DATA_HOME nor HOME is set"};
    return "sqlite:" + data + "/kaiyuan/kaiyuan.db";
}

void add_database_option(CLI::App& cmd, std::string& url) {
    cmd.add_option(
        "--database", url,
        "the store: sqlite:PATH or postgresql://USER@HOST/DB (default $KAIYUAN_DATABASE, else "
        "sqlite:$XDG_DATA_HOME/kaiyuan/kaiyuan.db)");
}

std::unique_ptr<store::Store> open_store(const std::string& given) {
    auto s = store::Store::open(resolve_database(given));
    if (!s) throw CommandError{s.error().message};
    return std::move(*s);
}

} // namespace kaiyuan::cli
