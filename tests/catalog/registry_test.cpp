// Every registered cataloger, given an empty file and files of other formats at the paths it
// reads: no component is invented, nothing crashes, and what is not its format is said.
#include "kaiyuan/catalog/engine/registry.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;

namespace {

std::string sample_path(std::string glob) {
    if (glob.starts_with("**/")) glob = "proj/" + glob.substr(3);
    for (auto& ch : glob)
        if (ch == '*') ch = 'x';
    return glob;
}

} // namespace

TEST(Registry, every_cataloger_on_empty_and_foreign_files) {
    const std::vector<std::pair<std::string, std::string>> inputs = {
        {"empty", ""},
        {"binary", std::string("\x00\xff\xfe\x01garbage\x00", 12)},
        {"html", "<!DOCTYPE html>\n<html><body>not a lockfile</body></html>\n"},
        {"other JSON", "{\"compilerOptions\": {\"strict\": true}}\n"},
        {"other YAML", "version: 2\nupdates:\n  - package-ecosystem: npm\n"},
    };
    for (const auto& c : catalog::all_catalogers()) {
        if (c->globs().empty()) continue; // executables: covered by their own tests
        std::string path = sample_path(c->globs().front());
        for (const auto& [what, text] : inputs) {
            catalog::FileData f{path, "", text};
            catalog::Environments envs;
            auto r = c->catalog({&f}, envs);
            EXPECT_TRUE(r.components.empty()) << c->name() << " invented components from " << what;
            for (const auto& d : r.diagnostics)
                EXPECT_FALSE(d.location.path.empty()) << c->name() << ": " << d.message;
        }
    }
}
