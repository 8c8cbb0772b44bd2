#pragma once
/// std::expected where the compiler has it (g++ 12 with -std=c++2b), and a small stand-in with the
/// same surface where it does not: clang 14 with libstdc++ 12, which the libFuzzer build needs,
/// lacks <expected> because its concepts support is older than libstdc++ requires.
#include <version>
#if defined(__cpp_lib_expected)
#include <expected>
namespace kaiyuan {
using std::expected;
using std::unexpected;
} // namespace kaiyuan
#else
#include <type_traits>
#include <utility>
#include <variant>

namespace kaiyuan {

template <class E> class unexpected {
public:
    explicit unexpected(E e) : m_error(std::move(e)) {}
    E& error() & { return m_error; }
    const E& error() const& { return m_error; }
    E&& error() && { return std::move(m_error); }

private:
    E m_error;
};
template <class E> unexpected(E) -> unexpected<E>;

template <class T, class E> class expected {
public:
    using value_type = T;
    using error_type = E;
    expected() requires std::is_default_constructible_v<T> : m_v(std::in_place_index<0>) {}
    template <class U = T>
    requires std::is_constructible_v<T, U&&> &&
        (!std::is_same_v<std::remove_cvref_t<U>, expected>)&&(
            !std::is_same_v<std::remove_cvref_t<U>, unexpected<E>>)expected(U&& v)
        : m_v(std::in_place_index<0>, std::forward<U>(v)) {}
    template <class G>
    expected(unexpected<G> u) : m_v(std::in_place_index<1>, std::move(u.error())) {}

    bool has_value() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T& operator*() & { return std::get<0>(m_v); }
    const T& operator*() const& { return std::get<0>(m_v); }
    T&& operator*() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &std::get<0>(m_v); }
    const T* operator->() const { return &std::get<0>(m_v); }
    E& error() & { return std::get<1>(m_v); }
    const E& error() const& { return std::get<1>(m_v); }
    template <class U> T value_or(U&& u) const& {
        return has_value() ? value() : static_cast<T>(std::forward<U>(u));
    }

private:
    std::variant<T, E> m_v;
};

template <class E> class expected<void, E> {
public:
    using value_type = void;
    using error_type = E;
    expected() = default;
    template <class G> expected(unexpected<G> u) : m_error(std::move(u.error())), m_ok(false) {}
    bool has_value() const noexcept { return m_ok; }
    explicit operator bool() const noexcept { return m_ok; }
    void value() const {}
    E& error() & { return m_error; }
    const E& error() const& { return m_error; }

private:
    E m_error{};
    bool m_ok = true;
};

} // namespace kaiyuan
#endif
