#pragma once

// Default port lists shared by the exposure rules, so that SG001, SG002 and SG004 partition the
// ports the same way (each world-open port is reported by exactly one of them).

#include <string_view>

namespace netlint::rules {

// Remote administration: SSH, RDP, VNC, WinRM (HTTP and HTTPS).
inline constexpr std::string_view kDefaultAdminPorts = "22, 3389, 5900, 5985-5986";

// Data stores, caches, queues, cluster managers and legacy plaintext services: the union of
// Prowler's per-service checks, ScoutSuite's known ports and KICS's sensitive ports, minus 80 and
// 443 (judged in context by SG004) and minus the administration ports (SG001).
inline constexpr std::string_view kDefaultSensitivePorts =
    "20-21, 23, 25, 53, 69, 110, 111, 135, 137-139, 143, 161-162, 389, 445, 514, 636, 873, "
    "1433-1434, 1521, 2049, 2375-2376, 2379-2380, 2483-2484, 3000, 3306, 4333, 5000, 5432, 5500, "
    "5601, 5672, 6379, 6443, 7000-7001, 7199, 8020, 8080, 8086, 8088, 8888, 9000, 9042, 9090, "
    "9092, 9160, 9200, 9300, 10250, 11211, 15672, 27017-27018, 50070";

}  // namespace netlint::rules
