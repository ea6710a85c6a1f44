// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

public enum Severity { INFO, WARNING, ERROR }
