// The one import of commander (the argument parser): every command builds on what this module re-exports.
export { Command, CommanderError, Help, Option } from 'commander';
