#include "core/io/json_number_spelling.h"

#include <functional>

namespace linearlab::io {

namespace {

/// Walks valid JSON text and calls `number(path, begin, end)` for each number
/// literal, its path spelled as the design file's errors spell it.
class NumberWalker {
public:
    using Visit = std::function<void(const std::string& path, int begin, int end)>;
    NumberWalker(const QByteArray& text, Visit visit) : m_text(text), m_visit(std::move(visit)) {}
    void run() {
        skipSpace();
        value("");
    }

private:
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void skipSpace() {
        while (m_pos < m_text.size() &&
               (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    std::string string() {
        std::string s;
        ++m_pos;  // the opening quote
        while (m_pos < m_text.size() && peek() != '"') {
            if (peek() == '\\')
                s += m_text[m_pos++];
            s += m_text[m_pos++];
        }
        ++m_pos;
        return s;
    }
    void value(const std::string& path) {
        const char c = peek();
        if (c == '{') {
            ++m_pos;
            skipSpace();
            while (peek() != '}' && m_pos < m_text.size()) {
                const std::string key = string();
                skipSpace();
                ++m_pos;  // ':'
                skipSpace();
                value(path.empty() ? key : path + "." + key);
                skipSpace();
                if (peek() == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            ++m_pos;
        } else if (c == '[') {
            ++m_pos;
            skipSpace();
            for (int i = 0; peek() != ']' && m_pos < m_text.size(); ++i) {
                value(path + "[" + std::to_string(i) + "]");
                skipSpace();
                if (peek() == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            ++m_pos;
        } else if (c == '"') {
            string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const int begin = m_pos;
            while (m_pos < m_text.size() &&
                   std::string("+-.eE0123456789").find(peek()) != std::string::npos)
                ++m_pos;
            m_visit(path, begin, m_pos);
        } else {
            while (m_pos < m_text.size() && peek() >= 'a' && peek() <= 'z')
                ++m_pos;  // true, false, null
        }
    }

    const QByteArray& m_text;
    Visit m_visit;
    int m_pos = 0;
};

bool hasFraction(const QByteArray& text, int begin, int end) {
    for (int i = begin; i < end; ++i)
        if (text[i] == '.' || text[i] == 'e' || text[i] == 'E')
            return true;
    return false;
}

}  // namespace

std::set<std::string> fractionalNumbers(const QByteArray& json) {
    std::set<std::string> paths;
    NumberWalker(json, [&](const std::string& path, int begin, int end) {
        if (hasFraction(json, begin, end))
            paths.insert(path);
    }).run();
    return paths;
}

QByteArray withFractions(const QByteArray& json, const std::set<std::string>& paths) {
    if (paths.empty())
        return json;
    std::vector<int> insertAt;
    NumberWalker(json, [&](const std::string& path, int begin, int end) {
        if (paths.count(path) && !hasFraction(json, begin, end))
            insertAt.push_back(end);
    }).run();
    QByteArray out = json;
    for (auto it = insertAt.rbegin(); it != insertAt.rend(); ++it)
        out.insert(*it, ".0");
    return out;
}

std::set<std::string> pathsUnder(const std::set<std::string>& paths, const std::string& prefix) {
    std::set<std::string> under;
    for (const std::string& p : paths)
        if (p.compare(0, prefix.size(), prefix) == 0)
            under.insert(p.substr(prefix.size()));
    return under;
}

}  // namespace linearlab::io
