# Compiler flags shared by every LinearLab target, through one interface target.
add_library(linearlab_flags INTERFACE)
target_compile_options(linearlab_flags INTERFACE -Wall -Wextra)
if(LINEARLAB_WERROR)
  target_compile_options(linearlab_flags INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 flags its own AVX-512 intrinsics ('__Y' may be used uninitialized, in
  # avx512fintrin.h's _mm512_undefined_* idiom) wherever Eigen's packets inline
  # them at -O3 -march=native; the warning is about the header, not our code.
  target_compile_options(linearlab_flags INTERFACE -Wno-maybe-uninitialized)
endif()
target_compile_options(linearlab_flags INTERFACE $<$<CONFIG:Release>:-O3>)
if(LINEARLAB_NATIVE)
  target_compile_options(linearlab_flags INTERFACE -march=native)
endif()
if(LINEARLAB_SANITIZE)
  target_compile_options(linearlab_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(linearlab_flags INTERFACE -fsanitize=address,undefined)
endif()
if(LINEARLAB_TSAN)
  # ThreadSanitizer and AddressSanitizer each own malloc and the shadow memory;
  # GCC refuses to combine them, so say so at configure time instead.
  if(LINEARLAB_SANITIZE)
    message(FATAL_ERROR "LINEARLAB_TSAN and LINEARLAB_SANITIZE are exclusive: use two build trees")
  endif()
  target_compile_options(linearlab_flags INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(linearlab_flags INTERFACE -fsanitize=thread)
endif()

# Eigen packs GEMM operands into scratch buffers, on the stack up to this size
# and on the heap beyond. The default (128 KiB) sends a Linear(256, 256) step to
# the heap; 4 MiB keeps every layer up to about 1024 x 1024 allocation-free per
# step, within the 8 MiB stacks of the main, std::thread and QThread threads.
target_compile_definitions(linearlab_flags INTERFACE EIGEN_STACK_ALLOCATION_LIMIT=4194304)
