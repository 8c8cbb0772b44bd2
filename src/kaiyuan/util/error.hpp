#pragma once
/// Errors a caller must expect (unreadable file, malformed input, unknown name). The library never
/// prints or aborts; it returns these, with context prepended outward ("parse status: line 4:
/// ...").
#include "kaiyuan/util/expected.hpp"

#include <string>
#include <utility>

namespace kaiyuan {

struct Error {
    std::string message;
};

template <class T> using Result = expected<T, Error>;

/// Makes an unexpected Error from a message: `return fail("line 3: expected ':'");`.
inline unexpected<Error> fail(std::string message) {
    return unexpected(Error{std::move(message)});
}

/// Prepends context to an error: `with_context("parse status", e)` -> "parse status: <e>".
inline Error with_context(std::string_view context, const Error& e) {
    return Error{std::string(context) + ": " + e.message};
}

} // namespace kaiyuan
