/**
 * Operating-system process concerns, apart from the servers that need them and the targets that migrate those servers:
 * running a program with a time limit and its output captured ({@link ai.crawbl.migrations.process.ProcessRun}).
 */
package ai.crawbl.migrations.process;
