/**
 * Small runnable programs that show the Java API, each kept working by a test in this module.
 */
package org.rhizome.examples;
