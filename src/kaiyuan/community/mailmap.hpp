#pragma once
/// git's .mailmap (gitmailmap(5)): the canonical name and email of people whose commits carry
/// others. Read as git's mailmap.c reads it, so that kaiyuan's counts agree with `git shortlog
/// -sne` and `git check-mailmap`:
///   Proper Name <commit@email>                              name by email
///   <proper@email> <commit@email>                           email by email
///   Proper Name <proper@email> <commit@email>               both by email
///   Proper Name <proper@email> Commit Name <commit@email>   both by name and email
/// Emails and names are matched case-insensitively; a line starting with '#' is a comment, as is
/// text after the last address; a later line for the same key wins (field by field for the
/// simple forms). A line that has no address is reported, never silently skipped.
#include "kaiyuan/model/diagnostic.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::community {

struct Identity {
    std::string name, email;
    bool operator==(const Identity&) const = default;
};

class Mailmap {
public:
    /// Reads `text` (the file at `path`, named in diagnostics) on top of what is there already.
    void read(std::string_view text, const std::string& path,
              std::vector<model::Diagnostic>& diagnostics);
    /// The canonical identity of `who` (itself when no line applies).
    Identity resolve(const Identity& who) const;
    bool empty() const { return m_entries.empty(); }

private:
    struct Replacement {
        std::string name, email; ///< empty: keep the commit's
    };
    struct Entry {
        Replacement simple;
        std::map<std::string, Replacement> by_name; ///< lower-cased commit name
    };
    std::map<std::string, Entry> m_entries; ///< lower-cased commit email
};

} // namespace kaiyuan::community
