/**
 * Operating-system process concerns, apart from the servers that need them and the targets that migrate those servers:
 * running a program with a time limit and its output captured ({@link ai.crawbl.migrations.process.ProcessRun}), and
 * tying scratch folders to the process that owns them ({@link ai.crawbl.migrations.process.ProcessOwner},
 * {@link ai.crawbl.migrations.process.OwnedFolders}), so that what a killed process left can be found and removed.
 */
package ai.crawbl.migrations.process;
