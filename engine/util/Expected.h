#pragma once
// A value or an error message a user can act on: the project's error-as-value type at
// boundaries (C++20 has no std::expected).

#include <QString>
#include <utility>
#include <variant>

namespace qonsul {

struct Error
{
    QString message;
};

template <typename T> class Expected
{
public:
    Expected(T value) : m_state(std::move(value)) {}
    Expected(Error error) : m_state(std::move(error)) {}

    bool hasValue() const { return m_state.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() { return std::get<0>(m_state); }
    const T &value() const { return std::get<0>(m_state); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const QString &error() const { return std::get<1>(m_state).message; }

private:
    std::variant<T, Error> m_state;
};

inline Error makeError(QString message)
{
    return Error{std::move(message)};
}

} // namespace qonsul
