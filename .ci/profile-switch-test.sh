#!/usr/bin/env bash
# Manual check (not called by .ci/run: it builds the project three times, a few minutes): the cuda profile's class
# path carries no CPU libtorch, and the launcher rebuilds and cleans lib/ when GAN_MAVEN_OPTS switches the profile.
# Needs no GPU: it only inspects what the build puts on the class path. Run from anywhere: .ci/profile-switch-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "FAIL: $*" >&2; exit 1; }
lib=cli/target/lib
jar=cli/target/gan.jar

# 1. Maven's view: the runtime dependencies of the cli in each profile
deps() {  # $1: extra options; prints the cli's resolved runtime artifacts
  mvn -B -o -q -pl cli -am dependency:list -DincludeScope=runtime -Dsort=true -DoutputFile=target/profile-deps.txt $1 \
    >/dev/null
  cat cli/target/profile-deps.txt
}
default_deps="$(deps "")"
cuda_deps="$(deps "-Pcuda")"
grep -q 'ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64' <<<"$default_deps" || fail "default profile lacks pytorch-native-cpu"
grep -q 'ai.djl.pytorch:pytorch-jni' <<<"$default_deps" || fail "default profile lacks pytorch-jni"
! grep -q 'pytorch-native-cpu' <<<"$cuda_deps" || fail "cuda profile carries pytorch-native-cpu"
grep -q 'ai.djl.pytorch:pytorch-jni' <<<"$cuda_deps" || fail "cuda profile lacks pytorch-jni"
echo "ok: dependency:list: default carries pytorch-native-cpu, -Pcuda does not; both carry pytorch-jni"

# 2. the launcher: CPU build, then GAN_MAVEN_OPTS=-Pcuda must rebuild without the CPU jar, then back again
native_in_lib() { ls "$lib" | grep -c '^pytorch-native-cpu-.*\.jar$' || true; }
native_in_manifest() { unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r\n ' | grep -c 'pytorch-native-cpu' || true; }

GAN_MAVEN_OPTS= ./gan --version >/dev/null
[[ "$(native_in_lib)" == 1 && "$(native_in_manifest)" == 1 ]] || fail "CPU build: lib/ or manifest lacks the CPU libtorch jar"
echo "ok: CPU build: lib/ and the manifest class path carry pytorch-native-cpu"

touch "$lib/stale-marker.jar"   # anything left from before must go on a profile switch
out="$(GAN_MAVEN_OPTS=-Pcuda ./gan --version 2>&1 >/dev/null)"
grep -q "build options changed: '' -> '-Pcuda'" <<<"$out" || fail "switching to -Pcuda did not rebuild: $out"
[[ "$(native_in_lib)" == 0 ]] || fail "cuda build: lib/ still holds pytorch-native-cpu: $(ls $lib | grep native)"
[[ "$(native_in_manifest)" == 0 ]] || fail "cuda build: the manifest class path still lists pytorch-native-cpu"
[[ ! -e "$lib/stale-marker.jar" ]] || fail "cuda build: lib/ kept a stale file"
[[ "$(cat cli/target/gan.build-opts)" == "-Pcuda" ]] || fail "the stamp does not say -Pcuda"
echo "ok: GAN_MAVEN_OPTS=-Pcuda rebuilt; lib/ and the manifest have no pytorch-native-cpu, stale files gone"

out="$(GAN_MAVEN_OPTS=-Pcuda ./gan --version 2>&1 >/dev/null)"
! grep -q "building" <<<"$out" || fail "same options rebuilt again: $out"
echo "ok: same options: no rebuild"

# maven alone, without clean and without the launcher: lib/ must still follow the profile
mvn -B -o -q package -DskipTests >/dev/null
[[ "$(native_in_lib)" == 1 && "$(native_in_manifest)" == 1 ]] || fail "mvn package after -Pcuda: CPU jar missing"
mvn -B -o -q -Pcuda package -DskipTests >/dev/null
[[ "$(native_in_lib)" == 0 && "$(native_in_manifest)" == 0 ]] || fail "mvn -Pcuda package without clean kept the CPU jar"
echo "ok: mvn package / mvn -Pcuda package without clean: lib/ and manifest follow the profile"

out="$(GAN_MAVEN_OPTS= ./gan --version 2>&1 >/dev/null)"
grep -q "build options changed: '-Pcuda' -> ''" <<<"$out" || fail "switching back did not rebuild: $out"
[[ "$(native_in_lib)" == 1 && "$(native_in_manifest)" == 1 ]] || fail "back to CPU: the CPU libtorch jar is missing"
echo "ok: back to the default profile: rebuilt with pytorch-native-cpu"
echo "PASS"
