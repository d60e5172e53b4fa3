// The restricted unpickler's allowlist of globals and the table of opcode names.
#include "core/io/pickle_vocabulary.h"

namespace linearlab::io::pickle {

namespace {

struct AllowedGlobal {
    std::string_view module, name, full;
};

constexpr AllowedGlobal kAllowedGlobals[] = {
    {"collections", "OrderedDict", "collections.OrderedDict"},
    {"torch._utils", "_rebuild_tensor_v2", "torch._utils._rebuild_tensor_v2"},
    {"torch._utils", "_rebuild_parameter", "torch._utils._rebuild_parameter"},
    {"torch", "FloatStorage", "torch.FloatStorage"},
    {"torch", "DoubleStorage", "torch.DoubleStorage"},
    {"torch", "HalfStorage", "torch.HalfStorage"},
    {"torch", "LongStorage", "torch.LongStorage"},
    {"torch", "BFloat16Storage", "torch.BFloat16Storage"},
    {"torch", "IntStorage", "torch.IntStorage"},
};

// Every pickle opcode's pickletools name, so that an error names the opcode.
struct OpcodeName {
    unsigned char op;
    const char* name;
};

// clang-format off
constexpr OpcodeName kOpcodeNames[] = {
    {'(', "MARK"}, {'.', "STOP"}, {'0', "POP"}, {'1', "POP_MARK"}, {'2', "DUP"}, {'F', "FLOAT"},
    {'I', "INT"}, {'J', "BININT"}, {'K', "BININT1"}, {'L', "LONG"}, {'M', "BININT2"}, {'N', "NONE"},
    {'P', "PERSID"}, {'Q', "BINPERSID"}, {'R', "REDUCE"}, {'S', "STRING"}, {'T', "BINSTRING"},
    {'U', "SHORT_BINSTRING"}, {'V', "UNICODE"}, {'X', "BINUNICODE"}, {'a', "APPEND"},
    {'b', "BUILD"}, {'c', "GLOBAL"}, {'d', "DICT"}, {'}', "EMPTY_DICT"}, {'e', "APPENDS"},
    {'g', "GET"}, {'h', "BINGET"}, {'i', "INST"}, {'j', "LONG_BINGET"}, {'l', "LIST"},
    {']', "EMPTY_LIST"}, {'o', "OBJ"}, {'p', "PUT"}, {'q', "BINPUT"}, {'r', "LONG_BINPUT"},
    {'s', "SETITEM"}, {'t', "TUPLE"}, {')', "EMPTY_TUPLE"}, {'u', "SETITEMS"}, {'G', "BINFLOAT"},
    {'B', "BINBYTES"}, {'C', "SHORT_BINBYTES"}, {0x80, "PROTO"}, {0x81, "NEWOBJ"}, {0x82, "EXT1"},
    {0x83, "EXT2"}, {0x84, "EXT4"}, {0x85, "TUPLE1"}, {0x86, "TUPLE2"}, {0x87, "TUPLE3"},
    {0x88, "NEWTRUE"}, {0x89, "NEWFALSE"}, {0x8a, "LONG1"}, {0x8b, "LONG4"},
    {0x8c, "SHORT_BINUNICODE"}, {0x8d, "BINUNICODE8"}, {0x8e, "BINBYTES8"}, {0x8f, "EMPTY_SET"},
    {0x90, "ADDITEMS"}, {0x91, "FROZENSET"}, {0x92, "NEWOBJ_EX"}, {0x93, "STACK_GLOBAL"},
    {0x94, "MEMOIZE"}, {0x95, "FRAME"}, {0x96, "BYTEARRAY8"}, {0x97, "NEXT_BUFFER"},
    {0x98, "READONLY_BUFFER"},
};
// clang-format on

}  // namespace

const char* opcodeName(unsigned char op) {
    for (const OpcodeName& o : kOpcodeNames)
        if (o.op == op)
            return o.name;
    return nullptr;
}

std::string_view allowedGlobal(std::string_view module, std::string_view name) {
    for (const AllowedGlobal& g : kAllowedGlobals)
        if (module == g.module && name == g.name)
            return g.full;
    return {};
}

}  // namespace linearlab::io::pickle
