"""join requests from residents, and a coordinator's own area

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 04:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('join_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('passed_on', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_join_requests_group_id_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_join_requests'))
    )
    with op.batch_alter_table('join_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_join_requests_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_join_requests_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_join_requests_phone'), ['phone'], unique=False)
    op.create_table('join_limits',
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('last_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('phone', name=op.f('pk_join_limits'))
    )
    with op.batch_alter_table('coordinators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area', sa.String(length=200), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('coordinators', schema=None) as batch_op:
        batch_op.drop_column('area')
    with op.batch_alter_table('join_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_join_requests_phone'))
        batch_op.drop_index(batch_op.f('ix_join_requests_group_id'))
        batch_op.drop_index(batch_op.f('ix_join_requests_created_at'))
    op.drop_table('join_requests')
    op.drop_table('join_limits')
